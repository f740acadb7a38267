// SPDX-License-Identifier: AGPL-3.0-or-later
// What a FHIR request refusal carries: OperationOutcome issues and the HTTP status to send them with. Shared by every
// module that serves FHIR resources under /fhir (referrals here, outcomes through the referrals index).

export interface FhirIssue {
  code:
    | 'required'
    | 'structure'
    | 'value'
    | 'invalid'
    | 'business-rule'
    | 'not-supported'
    | 'duplicate'
    | 'conflict'
    | 'not-found'
    | 'security'
    | 'forbidden'
    | 'throttled'
  expression: string
  diagnostics: string
}

/** A refusal carrying OperationOutcome issues and the HTTP status to send them with. */
export class FhirRequestError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 422,
    readonly issues: FhirIssue[],
  ) {
    super(issues.map((issue) => `${issue.expression}: ${issue.diagnostics}`).join('; '))
    this.name = 'FhirRequestError'
  }
}
