// SPDX-License-Identifier: AGPL-3.0-or-later
// Progressive enhancement only: every page works without this script.
import { initAll } from '/assets/nhsuk-frontend.min.js'
initAll()
