// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../../platform/db/database.ts'
import { authenticateApiKey, createApiKeyForOrganisation } from '../../api-clients/index.ts'
import type { Organisation } from '../../identity/index.ts'
import { fhirSchemaValidator } from './fhir-schema.ts'
import { createReferralFromFhir } from './fhir.service.ts'
import { containedReferral, transactionReferral } from './fhir.fixtures.ts'

/**
 * Demo data: Torry Health Centre's clinical system has an API key and has sent two referrals through the FHIR
 * API (one as a contained ServiceRequest, one as a transaction Bundle), so the service's inbox shows referrals
 * from every channel. The key itself is not kept: an administrator creates their own to try the API.
 */
export async function seedDemoApiReferrals(
  db: Database,
  area: { organisations: ReadonlyMap<string, Organisation> },
): Promise<void> {
  const practice = area.organisations.get('torry')
  const service = area.organisations.get('sps')
  if (!practice || !service) return
  const { key } = await createApiKeyForOrganisation(db, {
    organisation: practice.id,
    name: 'Torry clinical system (demo)',
  })
  const client = await authenticateApiKey(db, `Bearer ${key}`)
  const origin = {
    userId: null,
    organisationId: practice.id,
    role: `api-client:${client.id}`,
    ipAddress: null,
    correlationId: 'demo-seed',
  }
  const schema = fhirSchemaValidator()
  await createReferralFromFhir(
    db,
    schema,
    client,
    {
      body: containedReferral({
        serviceId: service.id,
        givenName: 'Irene',
        familyName: 'Duthie',
        nhsNumber: '9449305552',
        postcode: 'AB11 8QB',
      }),
      endpoint: 'ServiceRequest',
      idempotencyKey: 'demo-referral-1',
    },
    origin,
  )
  await createReferralFromFhir(
    db,
    schema,
    client,
    {
      body: transactionReferral({
        serviceId: service.id,
        givenName: 'Callum',
        familyName: 'Forbes',
        nhsNumber: '9000000009',
        postcode: 'AB11 9XY',
      }),
      endpoint: 'transaction',
      idempotencyKey: 'demo-referral-2',
    },
    origin,
  )
}
