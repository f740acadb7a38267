// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database } from '../../../../platform/db/database.ts'
import type { FieldErrors } from '../../../../platform/http/forms.ts'
import type { ListingSnapshot } from '../../listing-snapshot.service.ts'
import { lookUpPostcode } from '../../postcodes.service.ts'
import { parseListing, type ListingValues } from './listing.form.ts'

/** Validates the form, then places the venue with the postcodes table (an unknown postcode is an error). */
export async function parseAndPlace(
  db: Database,
  values: ListingValues,
  options: { forProvider: boolean },
): Promise<{ ok: true; snapshot: ListingSnapshot } | { ok: false; errors: FieldErrors }> {
  const parsed = parseListing(values, options)
  if (!parsed.ok) return parsed
  const location = parsed.snapshot.location
  if (!location) return parsed
  const found = await lookUpPostcode(db, location.postalCode)
  if (!found.ok) return { ok: false, errors: { postcode: found.message } }
  return {
    ok: true,
    snapshot: {
      ...parsed.snapshot,
      location: { ...location, latitude: found.postcode.latitude, longitude: found.postcode.longitude },
    },
  }
}
