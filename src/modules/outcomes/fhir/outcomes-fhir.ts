// SPDX-License-Identifier: AGPL-3.0-or-later
// Outcomes as FHIR R4 (issue 12): an instrument version is a Questionnaire, a completed measure its
// QuestionnaireResponse, and each score an Observation derived from it, coded with SNOMED CT where the instrument's
// definition names a concept (held with the instrument as data) and always with our own code for the score.
import { CODE_SYSTEMS, WAYMARK_CANONICAL, type FhirJson } from '../../referrals/index.ts'
import { bandOf, optionsOf, type Instrument } from '../instrument.ts'
import type { Measure } from '../outcome.ts'

export const OUTCOME_SYSTEMS = {
  questionnaire: `${WAYMARK_CANONICAL}/Questionnaire`,
  score: `${WAYMARK_CANONICAL}/CodeSystem/outcome-score`,
  answer: `${WAYMARK_CANONICAL}/CodeSystem/outcome-answer`,
  timepoint: `${WAYMARK_CANONICAL}/CodeSystem/outcome-timepoint`,
  ordinalValue: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
} as const

/** A measure as the API reads it: the stored row plus the referral and person it belongs to. */
export interface FhirMeasure extends Measure {
  referralId: string
  nhsNumber: string | null
  personName: string
}

/** `ucla3-v1`: a FHIR id for one version of an instrument. */
export function questionnaireId(instrument: Pick<Instrument, 'key' | 'version'>): string {
  return `${instrument.key}-v${instrument.version}`
}

/** The instrument key and version a Questionnaire id names, if it is one. */
export function parseQuestionnaireId(id: string): { key: string; version: number } | undefined {
  const match = /^([a-z][a-z0-9-]*)-v(\d{1,4})$/.exec(id)
  return match ? { key: match[1]!, version: Number(match[2]) } : undefined
}

/** `<measure id>-<score key>`: an Observation id (a UUID is 36 characters, so the split is unambiguous). */
export function observationId(measureId: string, scoreKey: string): string {
  return `${measureId}-${scoreKey}`
}

export function parseObservationId(id: string): { measureId: string; scoreKey: string } | undefined {
  const match = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})-([a-zA-Z][a-zA-Z0-9]*)$/i.exec(id)
  return match ? { measureId: match[1]!.toLowerCase(), scoreKey: match[2]! } : undefined
}

function canonicalOf(instrument: Pick<Instrument, 'key' | 'version'>): string {
  return `${OUTCOME_SYSTEMS.questionnaire}/${instrument.key}|${instrument.version}`
}

function answerSystem(instrument: Instrument, responseSet: string): string {
  return `${OUTCOME_SYSTEMS.answer}/${instrument.key}-${responseSet}`
}

/** FHIR names are `[A-Z][A-Za-z0-9_]*`: `ons-loneliness` → `OnsLoneliness`. */
function computableName(key: string): string {
  return key
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
}

/**
 * One version of an instrument. A licensed instrument's wording appears only when the reading organisation holds
 * its content pack (`instrument` is already that organisation's view); otherwise items carry ids and codes only.
 */
export function toQuestionnaire(instrument: Instrument, current: boolean): FhirJson {
  return {
    resourceType: 'Questionnaire',
    id: questionnaireId(instrument),
    url: `${OUTCOME_SYSTEMS.questionnaire}/${instrument.key}`,
    version: String(instrument.version),
    name: computableName(instrument.key),
    title: instrument.name,
    status: current ? 'active' : 'retired',
    subjectType: ['Patient'],
    ...(instrument.preamble ? { description: instrument.preamble } : {}),
    copyright: instrument.licence.notice,
    item: instrument.items.map((item) =>
      item.type === 'text'
        ? {
            linkId: item.id,
            ...(item.text ? { text: item.text } : {}),
            type: 'string',
            required: false,
            ...(item.maxLength ? { maxLength: item.maxLength } : {}),
          }
        : {
            linkId: item.id,
            ...(item.text ? { text: item.text } : {}),
            type: 'choice',
            required: false,
            answerOption: optionsOf(instrument, item).map((option) => ({
              valueCoding: {
                system: answerSystem(instrument, item.responseSet ?? ''),
                code: String(option.value),
                ...(option.label ? { display: option.label } : {}),
                extension: [
                  {
                    url: OUTCOME_SYSTEMS.ordinalValue,
                    valueDecimal: item.itemScores?.[String(option.value)] ?? option.value,
                  },
                ],
              },
            })),
          },
    ),
  }
}

function subjectOf(measure: FhirMeasure): FhirJson {
  return {
    type: 'Patient',
    ...(measure.nhsNumber ? { identifier: { system: CODE_SYSTEMS.nhsNumber, value: measure.nhsNumber } } : {}),
    display: measure.personName,
  }
}

function authorOf(measure: FhirMeasure): FhirJson {
  return measure.collectedBy === 'person'
    ? { type: 'Patient', display: measure.personName }
    : { type: 'Practitioner', display: measure.recordedByName }
}

function timepointExtension(measure: FhirMeasure): FhirJson {
  return {
    url: `${WAYMARK_CANONICAL}/StructureDefinition/outcome-timepoint`,
    valueCoding: { system: OUTCOME_SYSTEMS.timepoint, code: measure.timepoint },
  }
}

function orderOf(instrument: Instrument | undefined, itemId: string): number {
  const index = instrument?.items.findIndex((i) => i.id === itemId) ?? -1
  return index === -1 ? Number.MAX_SAFE_INTEGER : index
}

/** The answers exactly as given; unanswered items are left out, as FHIR expects. */
export function toQuestionnaireResponse(measure: FhirMeasure, instrument: Instrument | undefined): FhirJson {
  return {
    resourceType: 'QuestionnaireResponse',
    id: measure.id,
    extension: [timepointExtension(measure)],
    basedOn: [{ reference: `ServiceRequest/${measure.referralId}` }],
    questionnaire: canonicalOf({ key: measure.instrumentKey, version: measure.instrumentVersion }),
    status: 'completed',
    subject: subjectOf(measure),
    authored: measure.completedOn,
    author: authorOf(measure),
    source: subjectOf(measure),
    // In the questionnaire's order (jsonb keeps no key order); an item unknown to the definition goes last.
    item: [
      ...Object.entries(measure.answers).filter((entry): entry is [string, number] => entry[1] !== null),
      ...Object.entries(measure.texts),
    ]
      .sort(([a], [b]) => orderOf(instrument, a) - orderOf(instrument, b))
      .map(([linkId, value]) => {
        const item = instrument?.items.find((i) => i.id === linkId)
        if (typeof value === 'string')
          return { linkId, ...(item?.text ? { text: item.text } : {}), answer: [{ valueString: value }] }
        const option = item && instrument && optionsOf(instrument, item).find((o) => o.value === value)
        return {
          linkId,
          ...(item?.text ? { text: item.text } : {}),
          answer: [
            {
              valueCoding: {
                ...(item && instrument ? { system: answerSystem(instrument, item.responseSet ?? '') } : {}),
                code: String(value),
                ...(option?.label ? { display: option.label } : {}),
              },
            },
          ],
        }
      }),
  }
}

/** Each score the measure made, as an Observation; a score the missing-item rule withheld is not sent. */
export function toObservations(measure: FhirMeasure, instrument: Instrument | undefined): FhirJson[] {
  if (!instrument) return []
  return instrument.scores.flatMap((score) => {
    const value = measure.scores[score.key]
    if (value === null || value === undefined) return []
    const band = bandOf(score, value)
    return [
      {
        resourceType: 'Observation',
        id: observationId(measure.id, score.key),
        extension: [timepointExtension(measure)],
        basedOn: [{ reference: `ServiceRequest/${measure.referralId}` }],
        status: 'final',
        category: [
          {
            coding: [{ system: OUTCOME_SYSTEMS.observationCategory, code: 'survey', display: 'Survey' }],
          },
        ],
        code: {
          coding: [
            ...(score.snomed
              ? [{ system: CODE_SYSTEMS.snomed, code: score.snomed.code, display: score.snomed.display }]
              : []),
            {
              system: OUTCOME_SYSTEMS.score,
              code: `${instrument.key}.${score.key}`,
              display: `${instrument.shortName}: ${score.label}`,
            },
          ],
          text: `${instrument.shortName}: ${score.label}`,
        },
        subject: subjectOf(measure),
        effectiveDateTime: measure.completedOn,
        issued: measure.createdAt.toISOString(),
        performer: [authorOf(measure)],
        valueQuantity: { value, unit: 'score', system: 'http://unitsofmeasure.org', code: '{score}' },
        ...(band ? { interpretation: [{ text: band }] } : {}),
        referenceRange: [{ low: { value: score.range[0] }, high: { value: score.range[1] } }],
        derivedFrom: [{ reference: `QuestionnaireResponse/${measure.id}` }],
      },
    ]
  })
}
