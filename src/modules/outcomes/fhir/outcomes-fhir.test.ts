// SPDX-License-Identifier: AGPL-3.0-or-later
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fhirSchemaValidator } from '../../referrals/index.ts'
import { findInstrument } from '../catalogue.ts'
import { scoreAnswers } from '../instrument.ts'
import {
  observationId,
  parseObservationId,
  parseQuestionnaireId,
  questionnaireId,
  toObservations,
  toQuestionnaire,
  toQuestionnaireResponse,
  type FhirMeasure,
} from './outcomes-fhir.ts'

const schema = fhirSchemaValidator()
const MEASURE_ID = '0b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b'

function measureOf(
  key: string,
  answers: Record<string, number | null>,
  texts: Record<string, string> = {},
): FhirMeasure {
  const instrument = findInstrument(key)!
  const scored = scoreAnswers(instrument, answers, texts)
  assert.ok(scored.ok)
  return {
    id: MEASURE_ID,
    episodeId: '1b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
    referralId: '2b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
    personId: '3b7f6a52-3c1d-4e8f-9a0b-1c2d3e4f5a6b',
    instrumentKey: key,
    instrumentVersion: instrument.version,
    timepoint: 'follow-up',
    completedOn: '2026-11-30',
    collectedBy: 'person',
    answers: scored.answers,
    scores: scored.scores,
    texts: scored.texts,
    recordedByName: 'Ann Example',
    createdAt: new Date('2026-11-30T10:00:00Z'),
    nhsNumber: null,
    personName: 'Ann Example',
  }
}

describe('outcomes as FHIR resources', () => {
  it('round-trips Questionnaire and Observation ids, refusing anything else', () => {
    assert.equal(questionnaireId({ key: 'ons-loneliness', version: 1 }), 'ons-loneliness-v1')
    assert.deepEqual(parseQuestionnaireId('ons-loneliness-v1'), { key: 'ons-loneliness', version: 1 })
    assert.equal(parseQuestionnaireId('ons-loneliness'), undefined)
    assert.deepEqual(parseObservationId(observationId(MEASURE_ID, 'emotional')), {
      measureId: MEASURE_ID,
      scoreKey: 'emotional',
    })
    assert.equal(parseObservationId(`${MEASURE_ID}-`), undefined)
    assert.equal(parseObservationId('not-a-uuid-total'), undefined)
  })

  it('sends only the scores the missing-item rule allows, each valid FHIR with its band', () => {
    // De Jong Gierveld: one item unanswered leaves the total but withholds the subscale it belongs to.
    const djg6 = findInstrument('djg6')!
    const answers = Object.fromEntries(djg6.items.map((item, index) => [item.id, index === 0 ? null : 1]))
    const measure = measureOf('djg6', answers)
    const observations = toObservations(measure, djg6)
    const sent = observations.map((o) => String(o['id']).slice(MEASURE_ID.length + 1))
    const given = Object.entries(measure.scores)
      .filter(([, v]) => v !== null)
      .map(([k]) => k)
    assert.deepEqual(sent.sort(), given.sort())
    assert.ok(given.length < djg6.scores.length, 'the example withholds at least one score')
    for (const o of observations) assert.deepEqual(schema.validate('Observation', o, 'Observation'), [])
    const total = observations.find((o) => String(o['id']).endsWith('-total'))!
    assert.ok(
      /lonely/.test((total['interpretation'] as { text: string }[])[0]!.text),
      'the total carries its band; subscales have none',
    )
  })

  it('carries a decimal SWEMWBS metric score and its SNOMED CT concept, held with the instrument', () => {
    const swemwbs = findInstrument('swemwbs')!
    const measure = measureOf('swemwbs', Object.fromEntries(swemwbs.items.map((i) => [i.id, 3])))
    const [metric] = toObservations(measure, swemwbs)
    const codes = ((metric!['code'] as { coding: { system: string; code: string }[] }).coding ?? []).map(
      (c) => `${c.system}|${c.code}`,
    )
    const snomed = swemwbs.scores.find((s) => s.key === 'metric')!.snomed!
    assert.ok(codes.includes(`http://snomed.info/sct|${snomed.code}`))
    assert.equal((metric!['valueQuantity'] as { value: number }).value, measure.scores['metric'])
    assert.equal(Number.isInteger(measure.scores['metric']), false, 'raw 21 converts to a decimal metric score')
    assert.deepEqual(schema.validate('Observation', metric, 'Observation'), [])
  })

  it('writes the Questionnaire and the person’s answers as valid FHIR, the person as author', () => {
    const ucla3 = findInstrument('ucla3')!
    const questionnaire = toQuestionnaire(ucla3, true)
    assert.deepEqual(schema.validate('Questionnaire', questionnaire, 'Questionnaire'), [])
    assert.equal(questionnaire['name'], 'Ucla3')
    const response = toQuestionnaireResponse(measureOf('ucla3', { companionship: 1, leftOut: 2, isolated: 3 }), ucla3)
    assert.deepEqual(schema.validate('QuestionnaireResponse', response, 'QuestionnaireResponse'), [])
    assert.deepEqual(response['author'], { type: 'Patient', display: 'Ann Example' })
    assert.equal(
      (response['item'] as { answer: { valueCoding: { display: string } }[] }[])[1]!.answer[0]!.valueCoding.display,
      'Some of the time',
    )
  })

  it('sends the person’s own words as string items and valueString answers, in question order (MYCaW)', () => {
    const mycaw = findInstrument('mycaw')!
    const questionnaire = toQuestionnaire(mycaw, true)
    assert.deepEqual(schema.validate('Questionnaire', questionnaire, 'Questionnaire'), [])
    const items = questionnaire['item'] as { linkId: string; type: string }[]
    assert.deepEqual(
      items.map((i) => `${i.linkId}:${i.type}`),
      ['concern1Name:string', 'concern1:choice', 'concern2Name:string', 'concern2:choice', 'wellbeing:choice'],
    )
    const measure = measureOf('mycaw', { concern1: 4, wellbeing: 2 }, { concern1Name: 'Money worries' })
    const response = toQuestionnaireResponse(measure, mycaw)
    assert.deepEqual(schema.validate('QuestionnaireResponse', response, 'QuestionnaireResponse'), [])
    assert.deepEqual(response['item'], [
      { linkId: 'concern1Name', answer: [{ valueString: 'Money worries' }] },
      {
        linkId: 'concern1',
        answer: [
          {
            valueCoding: { system: 'https://waymark.example/fhir/CodeSystem/outcome-answer/mycaw-concern', code: '4' },
          },
        ],
      },
      {
        linkId: 'wellbeing',
        answer: [
          {
            valueCoding: {
              system: 'https://waymark.example/fhir/CodeSystem/outcome-answer/mycaw-wellbeing',
              code: '2',
            },
          },
        ],
      },
    ])
    assert.deepEqual(
      toObservations(measure, mycaw).map((o) => o['id']),
      [`${MEASURE_ID}-concern1`, `${MEASURE_ID}-wellbeing`],
    )
  })
})
