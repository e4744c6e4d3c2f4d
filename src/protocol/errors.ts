// The one error type that crosses the protocol boundary. Services throw it
// with the name of a modelled exception shape; the protocol codec turns it into
// the wire shape (status from the model, type header, body members).

export type Fault = 'client' | 'server';

export interface ApiErrorOptions {
  /** HTTP status for errors the model does not describe (framework and auth errors). */
  status?: number;
  /** Extra members rendered next to the message (e.g. resourceId, resourceArn). */
  fields?: Record<string, unknown>;
  fault?: Fault;
  /** Extra response headers (e.g. S3's x-amz-bucket-region). */
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  readonly status?: number;
  readonly fields: Record<string, unknown>;
  readonly fault: Fault;
  readonly headers: Record<string, string>;

  constructor(
    /** The error's shape name, e.g. ResourceNotFoundException. */
    readonly code: string,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(message);
    this.name = code;
    this.status = options.status;
    this.fields = options.fields ?? {};
    this.fault = options.fault ?? ((options.status ?? 400) >= 500 ? 'server' : 'client');
    this.headers = options.headers ?? {};
  }
}

/** Failures that belong to the protocol layer itself rather than to any service. */
export const frameworkErrors = {
  /** A body or value of the wrong shape; Coral sends malformed-JSON failures without a message. */
  serialization: (message = '') => new ApiError('SerializationException', message, { status: 400 }),
  unknownOperation: (message = '') => new ApiError('UnknownOperationException', message, { status: 404 }),
  internal: () =>
    new ApiError('InternalFailureException', 'We encountered an internal error. Please try again.', { status: 500 }),
  requestTooLarge: (limit: number) =>
    new ApiError('RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes.`, { status: 413 }),
};
