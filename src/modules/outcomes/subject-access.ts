// SPDX-License-Identifier: AGPL-3.0-or-later
// What the outcomes module holds about a person, for their subject access export: questionnaires answered (the
// answers, scores and their own words), links sent to them, and their health and care service use.
import { tenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { SubjectAccessSource } from '../../platform/module.ts'
import { invitations, measures, serviceUse } from './outcomes.table.ts'

export const outcomesHeldRecords: SubjectAccessSource = async (scope, { personIds }) => {
  const [answered, sent, use] = await Promise.all([
    tenantRowsWhereIn(scope, measures, measures.personId, personIds),
    tenantRowsWhereIn(scope, invitations, invitations.personId, personIds),
    tenantRowsWhereIn(scope, serviceUse, serviceUse.personId, personIds),
  ])
  return [
    { title: 'Questionnaires answered', rows: answered },
    { title: 'Questionnaire links sent', rows: sent },
    { title: 'Health and care service use', rows: use },
  ]
}
