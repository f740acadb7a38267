// SPDX-License-Identifier: AGPL-3.0-or-later
// The person's flags for pages elsewhere in casework that show the person (the episode page), so each of them
// shows the same flags the person record does.
import { flagKindsOf, FLAG_KIND_LABELS, sortFlags, type PersonFlag } from '../../../people/index.ts'
import { FLAG_TAG_CLASSES } from './person.presenter.ts'

/** The person's active flags, most serious first, with a link to their record. */
export function presentPersonFlags(personId: string, active: readonly PersonFlag[]) {
  const flags = sortFlags(active)
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
