// SPDX-License-Identifier: AGPL-3.0-or-later

/**
 * The base of every module's error type. `code` is for logs and API clients, `userMessage` is safe to
 * show a person; `details` go to logs only.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly statusCode: number,
    message: string,
    readonly userMessage?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** A module's error codes: each with its HTTP status and the message a user reads. */
export type ErrorTable = Record<string, { status: number; message: string }>

/**
 * The base class of a module's one error type, made from its table of codes:
 * `export class CaseworkError extends moduleError(CASEWORK_ERRORS) {}`. The class's name is the module's.
 */
export function moduleError<T extends ErrorTable>(table: T) {
  return class extends AppError {
    constructor(code: keyof T & string, details?: Record<string, unknown>) {
      super(code, table[code]!.status, table[code]!.message, table[code]!.message, details)
    }
  }
}

export class UnauthenticatedError extends AppError {
  constructor(code: 'SIGN_IN_REQUIRED' | 'ORGANISATION_NOT_CHOSEN' = 'SIGN_IN_REQUIRED') {
    super(code, 401, 'Sign in required', 'You need to sign in to see this page')
  }
}

export class ForbiddenError extends AppError {
  constructor(reason: string) {
    super('ACCESS_DENIED', 403, reason, 'You do not have access to this page')
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'page') {
    super('NOT_FOUND', 404, `${what} not found`, 'Page not found')
  }
}

/** A request whose body or parameters fail validation; each issue names the field. */
export class ValidationError extends AppError {
  constructor(readonly issues: { path: string; message: string }[]) {
    super('VALIDATION_FAILED', 400, issues.map((i) => `${i.path}: ${i.message}`).join('; '), 'Check your answers')
  }
}

/** Raised when an exhaustive switch meets a value the types say cannot exist. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`)
}
