/**
 * The gateway's own codes for authentication failures, so a server built on this package answers
 * with exactly what the real gateway would. (Kept here rather than imported from `@gatekit/types`
 * so the package has no runtime dependency.)
 */
export const AuthCode: {
  readonly AuthorizationHeaderNotFound: "Common.Auth.Authorization_Header_Not_Found";
  readonly InvalidSign: "Common.Auth.Invalid_Sign";
  readonly SignTimeout: "Common.Auth.Sign_Timeout";
} = {
  AuthorizationHeaderNotFound: "Common.Auth.Authorization_Header_Not_Found",
  InvalidSign: "Common.Auth.Invalid_Sign",
  SignTimeout: "Common.Auth.Sign_Timeout",
};

/** The codes a {@link SignatureError} can carry. */
export type SignatureErrorCode = typeof AuthCode.AuthorizationHeaderNotFound | typeof AuthCode.InvalidSign;

/**
 * A malformed or missing Authorization header (or parts that cannot make one). `code` is the
 * gateway's code for the failure; `type` lets callers recognise the error without `instanceof`,
 * which fails when two copies of the package are loaded (ESM and CJS, or two versions).
 */
export class SignatureError extends Error {
  readonly type: "SignatureError" = "SignatureError";
  override readonly name: "SignatureError" = "SignatureError";
  readonly code: SignatureErrorCode;

  constructor(code: SignatureErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** True for a {@link SignatureError} from any copy of this package. */
export function isSignatureError(value: unknown): value is SignatureError {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === "SignatureError";
}
