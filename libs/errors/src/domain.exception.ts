/**
 * What went wrong, in the domain's words. Each code has one HTTP status and problem type,
 * chosen by the API's problem-details filter; the libraries that throw never speak HTTP.
 * `csrf-rejected`: a state-changing request with the console's cookie that does not come from the console (403).
 * `sign-in-link-invalid`: an e-mail sign-in link that was used, expired or never existed (401).
 * `insufficient-data`: well-formed, but the stored data is too little to answer from (422).
 */
export type ErrorCode =
  | 'validation-failed'
  | 'unauthorized'
  | 'sign-in-link-invalid'
  | 'forbidden'
  | 'csrf-rejected'
  | 'not-found'
  | 'conflict'
  | 'precondition-failed'
  | 'service-unavailable'
  | 'run-unfinished'
  | 'insufficient-data';

export interface FieldError {
  field: string;
  message: string;
  value?: unknown;
}

/** An expected failure of a request; the problem-details filter turns its code into a status. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
  }

  static validation(errors: FieldError[]): DomainException {
    return new DomainException('validation-failed', errors.map((error) => error.message).join('; '), errors);
  }

  static unauthorized(message: string): DomainException {
    return new DomainException('unauthorized', message);
  }

  static forbidden(message: string): DomainException {
    return new DomainException('forbidden', message);
  }

  static insufficientData(message: string, errors: FieldError[]): DomainException {
    return new DomainException('insufficient-data', message, errors);
  }

  static notFound(what: string, key: string, field?: string): DomainException {
    const message = `${what} "${key}" does not exist`;
    return new DomainException('not-found', message, field ? [{ field, message, value: key }] : []);
  }
}
