// SPDX-License-Identifier: AGPL-3.0-or-later
import { readFileSync } from 'node:fs'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'

/** A problem found in a FHIR resource, located by a FHIRPath expression such as `Patient.name[0].family`. */
import type { FhirIssue } from './fhir-errors.ts'
export type { FhirIssue }

export const VALIDATED_RESOURCE_TYPES = [
  'ServiceRequest',
  'Patient',
  'Consent',
  'Bundle',
  'Task',
  'Communication',
  'OperationOutcome',
  'CapabilityStatement',
  'Organization',
  'PractitionerRole',
  'Practitioner',
  'Questionnaire',
  'QuestionnaireResponse',
  'Observation',
] as const
export type ValidatedResourceType = (typeof VALIDATED_RESOURCE_TYPES)[number]

export interface FhirSchemaValidator {
  /** Milliseconds spent reading and compiling the schema (reported at start-up). */
  readonly compileMs: number
  /** Validates one resource of a known type; contained resources are validated by the caller. */
  validate(type: ValidatedResourceType, resource: unknown, basePath: string): FhirIssue[]
}

const SCHEMA_URL = new URL('./schema/fhir-r4-subset.schema.json', import.meta.url)

let shared: FhirSchemaValidator | undefined

/**
 * Compiles the FHIR R4 definitions the referral API uses, once per process (about a third of a second on
 * the 2-core reference machine; the figure is logged at start-up).
 */
export function fhirSchemaValidator(): FhirSchemaValidator {
  shared ??= compileFhirSchema()
  return shared
}

function compileFhirSchema(): FhirSchemaValidator {
  const started = performance.now()
  const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Record<string, unknown>
  // strict: false because the HL7 schema uses keywords (description on $ref siblings, const) ajv's strict mode flags.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false })
  ajv.addSchema(schema, 'fhir')
  const validators = new Map<ValidatedResourceType, ValidateFunction>()
  for (const type of VALIDATED_RESOURCE_TYPES) {
    const validate = ajv.getSchema(`fhir#/definitions/${type}`)
    if (!validate) throw new Error(`FHIR schema has no definition for ${type}`)
    validators.set(type, validate)
  }
  const compileMs = performance.now() - started
  return {
    compileMs,
    validate(type, resource, basePath) {
      const validate = validators.get(type)!
      if (validate(resource)) return []
      return issuesFromAjv(validate.errors ?? [], basePath)
    },
  }
}

/** Turns ajv's JSON-pointer errors into FHIRPath-located issues, one per location and problem. */
export function issuesFromAjv(errors: readonly ErrorObject[], basePath: string): FhirIssue[] {
  const seen = new Set<string>()
  const issues: FhirIssue[] = []
  for (const error of errors) {
    let expression = basePath + pointerToFhirPath(error.instancePath)
    let diagnostics: string
    let code: FhirIssue['code'] = 'structure'
    switch (error.keyword) {
      case 'additionalProperties': {
        const property = String((error.params as { additionalProperty: string }).additionalProperty)
        expression += `.${property}`
        diagnostics = `Unknown element '${property}'`
        break
      }
      case 'required': {
        const property = String((error.params as { missingProperty: string }).missingProperty)
        expression += `.${property}`
        diagnostics = `Missing required element '${property}'`
        code = 'required'
        break
      }
      case 'pattern':
        diagnostics = 'Value is not in the format FHIR requires for this element'
        code = 'value'
        break
      case 'enum':
      case 'const':
        diagnostics = `Value must be one of: ${((error.params as { allowedValues?: unknown[] }).allowedValues ?? [(error.params as { allowedValue?: unknown }).allowedValue]).join(', ')}`
        code = 'value'
        break
      default:
        diagnostics = `Element ${error.message ?? 'is not valid'}`
    }
    const key = `${expression}|${diagnostics}`
    if (seen.has(key)) continue
    seen.add(key)
    issues.push({ code, expression, diagnostics })
  }
  return issues
}

/** `/contained/0/name/1/given` → `.contained[0].name[1].given` */
export function pointerToFhirPath(pointer: string): string {
  if (pointer === '') return ''
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`))
    .join('')
}
