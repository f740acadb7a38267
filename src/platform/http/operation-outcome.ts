// SPDX-License-Identifier: AGPL-3.0-or-later

export interface OperationOutcomeIssue {
  severity?: 'fatal' | 'error' | 'warning' | 'information'
  code: string
  diagnostics: string
  /** FHIRPath-style locations of the offending element(s). */
  expression?: string[]
}

/** A FHIR R4 OperationOutcome: the error body of every machine-facing route. */
export function operationOutcome(issues: OperationOutcomeIssue[]): {
  resourceType: 'OperationOutcome'
  issue: Required<Pick<OperationOutcomeIssue, 'severity' | 'code' | 'diagnostics'>>[]
} {
  return {
    resourceType: 'OperationOutcome',
    issue: issues.map((issue) => ({
      severity: issue.severity ?? 'error',
      code: issue.code,
      diagnostics: issue.diagnostics,
      ...(issue.expression && issue.expression.some(Boolean) ? { expression: issue.expression.filter(Boolean) } : {}),
    })),
  }
}
