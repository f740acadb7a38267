// SPDX-License-Identifier: AGPL-3.0-or-later
// The person's flags for pages elsewhere in casework that show the person (the episode page), so each of them
// shows the same flags the person record does.
import type { OrgScope } from '../../../../platform/db/org-scope.ts'
import { flagKindsOf, FLAG_KIND_LABELS, listActiveFlags, sortFlags } from '../../../people/index.ts'
import { FLAG_TAG_CLASSES } from './person.presenter.ts'

export async function presentPersonFlags(scope: OrgScope, personId: string) {
  const flags = sortFlags((await listActiveFlags(scope, [personId])).get(personId) ?? [])
  return {
    personHref: `/people/${personId}`,
    kinds: flagKindsOf(flags),
    flags: flags.map((f) => ({
      kind: f.kind,
      kindLabel: FLAG_KIND_LABELS[f.kind],
      tagClass: FLAG_TAG_CLASSES[f.kind],
      details: f.details,
    })),
  }
}
