// SPDX-License-Identifier: AGPL-3.0-or-later
// Rebuilds fhir-r4-subset.schema.json from the official HL7 FHIR R4 JSON Schema: keeps only the definitions
// reachable from the resources the referral API reads or writes, and replaces ResourceList (the union of all
// 146 resources) with a shallow check, because contained resources and Bundle entries are validated one by one
// against their own definitions. Usage: node build-subset.mjs <path to fhir.schema.json>
import fs from 'node:fs'

const ROOTS = [
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
]
const source = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'))
const keep = new Set()
const visit = (name) => {
  if (keep.has(name) || name === 'ResourceList') return
  keep.add(name)
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk)
    if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') visit(value.replace('#/definitions/', ''))
        else walk(value)
      }
    }
  }
  walk(source.definitions[name])
}
ROOTS.forEach(visit)
const definitions = {}
for (const name of [...keep].sort()) definitions[name] = source.definitions[name]
definitions.ResourceList = {
  description: 'Any resource: validated separately against its own definition.',
  type: 'object',
  properties: { resourceType: { type: 'string' } },
  required: ['resourceType'],
}
const out = {
  $comment: 'Subset of the HL7 FHIR R4 4.0.1 JSON Schema (CC0), built by build-subset.mjs. Do not edit by hand.',
  definitions,
}
fs.writeFileSync(new URL('./fhir-r4-subset.schema.json', import.meta.url), JSON.stringify(out))
console.log(`${keep.size} definitions kept`)
