// SPDX-License-Identifier: AGPL-3.0-or-later
// What every server-drawn chart shares: Observable Plot draws into a linkedom document (no browser, no script on
// the page), and the result is one image with one name, since the page gives its numbers as text beside it.
import { parseHTML } from 'linkedom'

/** A document for Plot's `document` option. */
export function chartDocument(): Document {
  return parseHTML('<!doctype html><html><body></body></html>').document
}

/**
 * The chart's markup as one image: Plot's labels on its groups would be attributes a role="img" element's
 * children may not carry, and its inline <style> is dropped because the content security policy allows only our
 * stylesheet, which carries the same rules.
 */
export function chartMarkup(svg: Element): string {
  svg.setAttribute('role', 'img')
  svg.querySelector('style')?.remove()
  for (const element of svg.querySelectorAll('[aria-label], [aria-description], [aria-hidden]')) {
    element.removeAttribute('aria-label')
    element.removeAttribute('aria-description')
    element.removeAttribute('aria-hidden')
  }
  return svg.outerHTML
}
