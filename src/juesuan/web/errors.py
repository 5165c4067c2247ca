"""One error shape for the whole API: ``{"error": {"code": ..., "message": ...}}``.

``code`` is a stable English id; ``message`` is Chinese, for people.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException

# HTTP status → the code used when a route raises a bare HTTPException.
STATUS_CODES: dict[int, str] = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    415: "unsupported_type",
    422: "invalid",
    500: "internal",
}

STATUS_MESSAGES: dict[int, str] = {
    400: "请求无效",
    401: "需要有效的令牌（JUESUAN_TOKEN）",
    404: "未找到",
    405: "不支持该请求方法",
    413: "上传内容过大",
    415: "不支持的文件类型",
    422: "请求参数无效",
    500: "服务器内部错误",
}


class ApiError(HTTPException):
    """An error with its stable code and Chinese message."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(status_code=status, detail=message)
        self.code = code
        self.message = message


def body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"code": code, "message": message}
    error.update(extra)
    return {"error": error}


# The shape as an OpenAPI schema, referenced by every route's error responses.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
        }
    },
}
