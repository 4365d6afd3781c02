/**
 * The seven inputs of the V2_SHA256 content. Every field is signed exactly as given: nothing is
 * trimmed, upper-cased or normalised, because the receiver signs the bytes it saw, not the ones
 * you meant.
 */
export interface SignInput {
  readonly appId: string;
  readonly appSecret: string;
  /** Defaults to `"POST"`, the only method the V2 API uses. Not upper-cased for you. */
  readonly method?: string | undefined;
  /** The full URL as sent (scheme, host, port, path and query), never rebuilt from parts. */
  readonly url: string;
  /** Unix epoch milliseconds as a decimal string, as it appears in the Authorization header. */
  readonly timestamp: string;
  readonly nonce: string;
  /** The raw body: a string is signed as its UTF-8 bytes, bytes are signed as they are. */
  readonly body: string | Uint8Array;
}

/** {@link SignInput} plus the sign to check, usually taken from a parsed Authorization header. */
export interface VerifyInput extends SignInput {
  readonly sign: string;
}

/** The four values of a `V2_SHA256` Authorization header. */
export interface AuthorizationParts {
  readonly appId: string;
  /** 64 lowercase hex characters. */
  readonly sign: string;
  /** Unix epoch milliseconds as digits. */
  readonly timestamp: string;
  readonly nonce: string;
}

/** What {@link signRequest} needs: the timestamp and nonce are made fresh unless given. */
export interface SignRequestOptions {
  readonly appId: string;
  readonly appSecret: string;
  readonly url: string;
  readonly body: string | Uint8Array;
  /** Defaults to `"POST"`. */
  readonly method?: string | undefined;
  /** The clock to stamp the request with (epoch ms or a Date); defaults to now. */
  readonly now?: number | Date | undefined;
  /** A nonce to use instead of a fresh random one; tests pin it to get a stable sign. */
  readonly nonce?: string | undefined;
}

/** A signed request: the Authorization header value and the parts it was made of. */
export interface SignedRequest extends AuthorizationParts {
  /** The whole header value, `V2_SHA256 appId=…,sign=…,timestamp=…,nonce=…`. */
  readonly authorization: string;
}
