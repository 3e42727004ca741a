// Every error a client or operator can see, declared once with a stable code and HTTP status.
// docs/ERRORS.md documents each code; a test checks that it does.

export const ERRORS = {
  WARDEN_BAD_REQUEST: { status: 400, type: 'invalid_request_error', message: 'The request is not valid' },
  WARDEN_INVALID_JSON: { status: 400, type: 'invalid_request_error', message: 'The request body is not valid JSON' },
  WARDEN_JSON_DUPLICATE_KEY: { status: 400, type: 'invalid_request_error', message: 'A key appears twice in one JSON object of the request' },
  WARDEN_JSON_TOO_DEEP: { status: 400, type: 'invalid_request_error', message: 'The request body is nested deeper than Warden inspects' },
  WARDEN_UNSUPPORTED_MEDIA_TYPE: { status: 415, type: 'invalid_request_error', message: 'Content-Type must be application/json' },
  WARDEN_BODY_TOO_LARGE: { status: 413, type: 'invalid_request_error', message: 'The request body is larger than the configured limit' },
  WARDEN_UNAUTHENTICATED: { status: 401, type: 'authentication_error', message: 'Missing, unknown or revoked Warden key' },
  WARDEN_MODEL_REQUIRED: { status: 400, type: 'invalid_request_error', message: 'The request names no model' },
  WARDEN_MODEL_NOT_ALLOWED: { status: 403, type: 'permission_error', message: 'The model is not allowed for this AI system' },
  WARDEN_SYSTEM_NOT_ALLOWED: { status: 403, type: 'permission_error', message: 'The AI system is not registered or not approved for traffic' },
  WARDEN_SUPPLIER_NOT_ALLOWED: { status: 403, type: 'permission_error', message: 'The supplier is not approved for this AI system' },
  WARDEN_NOT_FOUND: { status: 404, type: 'not_found_error', message: 'No such route' },
  WARDEN_POLICY_BLOCKED: { status: 403, type: 'permission_error', message: 'The request was blocked by policy' },
  WARDEN_POLICY_HELD: { status: 403, type: 'permission_error', message: 'The request is held for human review' },
  // A block is final: a 4xx that SDKs do not retry, so a blocked answer never costs a second call.
  WARDEN_RESPONSE_BLOCKED: { status: 403, type: 'permission_error', message: 'The response was blocked by policy' },
  WARDEN_SUSPENDED: { status: 403, type: 'permission_error', message: 'Traffic is suspended by a kill switch' },
  WARDEN_UPSTREAM_UNAVAILABLE: { status: 502, type: 'api_error', message: 'The AI supplier could not be reached' },
  WARDEN_UPSTREAM_TIMEOUT: { status: 504, type: 'api_error', message: 'The AI supplier did not answer in time' },
  WARDEN_UPSTREAM_ERROR: { status: 502, type: 'api_error', message: 'The AI supplier answered with an error' },
  WARDEN_UPSTREAM_STREAM_CUT: { status: 502, type: 'api_error', message: 'The AI supplier ended the stream early' },
  WARDEN_INSPECT_FAILED: { status: 500, type: 'api_error', message: 'Inspection failed; the request was not sent (fail closed)' },
  WARDEN_POLICY_FAILED: { status: 500, type: 'api_error', message: 'Policy evaluation failed; the request was not sent (fail closed)' },
  WARDEN_AUDIT_FAILED: { status: 503, type: 'api_error', message: 'The audit log could not record the decision; the request was not sent (fail closed)' },
  WARDEN_POLICY_INVALID: { status: 500, type: 'api_error', message: 'A policy file is not valid; the previous policy version stays in force' },
  WARDEN_SHUTTING_DOWN: { status: 503, type: 'api_error', message: 'Warden is shutting down' },
  WARDEN_MCP_INVALID: { status: 400, type: 'invalid_request_error', message: 'Not a valid MCP JSON-RPC message' },
  WARDEN_MCP_NOT_ALLOWED: { status: 403, type: 'permission_error', message: "The MCP server, tool, resource or prompt is not in this AI system's scope" },
  WARDEN_MCP_SESSION: { status: 404, type: 'not_found_error', message: 'Unknown or ended MCP session; initialize a new one' },
  WARDEN_ADMIN_UNAUTHENTICATED: { status: 401, type: 'authentication_error', message: 'Missing, unknown, expired or revoked admin credentials' },
  WARDEN_ADMIN_LOGIN_FAILED: { status: 401, type: 'authentication_error', message: 'Wrong user or password, or the account is disabled or locked' },
  WARDEN_ADMIN_RATE_LIMITED: { status: 429, type: 'rate_limit_error', message: 'Too many sign-in attempts from this address; try again after the Retry-After seconds' },
  WARDEN_ADMIN_FORBIDDEN: { status: 403, type: 'permission_error', message: 'Your role may not do this' },
  WARDEN_ADMIN_CSRF: { status: 403, type: 'permission_error', message: 'A change made with the session cookie needs the x-warden-csrf header of its session and a same-origin request' },
  WARDEN_ADMIN_INVALID: { status: 400, type: 'invalid_request_error', message: 'The request is not valid' },
  WARDEN_ADMIN_NOT_FOUND: { status: 404, type: 'not_found_error', message: 'No such record' },
  WARDEN_ADMIN_CONFLICT: { status: 409, type: 'invalid_request_error', message: 'The change conflicts with the current state' },
  WARDEN_ADMIN_UNAVAILABLE: { status: 503, type: 'api_error', message: 'The change could not be recorded in the audit log; it was not made' },
  WARDEN_ADMIN_URL_TOO_LONG: { status: 414, type: 'invalid_request_error', message: 'A part of the request path is longer than the admin API accepts' },
  WARDEN_INTERNAL: { status: 500, type: 'api_error', message: 'Internal error' },
} as const;

export type ErrorCode = keyof typeof ERRORS;

/** An error with a stable code; the message is safe to show to a client. */
export class WardenError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly type: string;
  /** Extra fields for the client (e.g. review_id). */
  readonly extra?: Record<string, string>;

  constructor(code: ErrorCode, message?: string, extra?: Record<string, string>) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.status = ERRORS[code].status;
    this.type = ERRORS[code].type;
    this.extra = extra;
  }
}

/** Errors of CLI commands: exit code and a message for the operator. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}
