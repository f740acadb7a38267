// SPDX-License-Identifier: AGPL-3.0-or-later
// The design system's compiled stylesheet names the NHS webfont at assets.nhs.uk. An installation can take the
// font from elsewhere (its own copy) or not at all (offline or air-gapped), so the stylesheet is served rewritten.
import { readFileSync } from 'node:fs'
import path from 'node:path'

const NHS_FONTS = 'https://assets.nhs.uk/fonts/'

/**
 * The stylesheet with its font source replaced: `fontUrl` is a folder URL ending in "/" (absolute or on this
 * site), or null to drop the @font-face rules so browsers use the fallback font and request nothing.
 */
export function rewriteFontSource(css: string, fontUrl: string | null): string {
  if (fontUrl === null) return css.replace(/@font-face\{[^}]*\}/g, '')
  return css.split(NHS_FONTS).join(fontUrl)
}

/** The origin the Content Security Policy must allow fonts from, beside this site: none for a local source. */
export function fontOrigin(fontUrl: string | null): string | null {
  if (fontUrl === null || fontUrl.startsWith('/')) return null
  return new URL(fontUrl).origin
}

/** Reads the compiled stylesheet once and rewrites it for this installation. */
export function loadNhsukStylesheet(distDir: string, fontUrl: string | null): string {
  return rewriteFontSource(readFileSync(path.join(distDir, 'nhsuk-frontend.min.css'), 'utf8'), fontUrl)
}
