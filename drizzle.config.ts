// SPDX-License-Identifier: AGPL-3.0-or-later
import { defineConfig } from 'drizzle-kit'

// Migrations are generated from the module table files and applied in-process at start-up (src/platform/db).
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.table.ts', './src/modules/**/*.table.ts'],
  out: './migrations',
  casing: 'snake_case',
})
