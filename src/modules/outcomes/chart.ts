// SPDX-License-Identifier: AGPL-3.0-or-later
// A score over time as a small SVG chart, drawn on the server by Observable Plot into a linkedom document (no
// browser, no script on the page). The page puts the numbers beside it in a table: the chart is a picture of them.
import * as Plot from '@observablehq/plot'
import { chartDocument, chartMarkup } from '../../platform/views/chart-svg.ts'
import type { ScoreDefinition } from './instrument.ts'

export interface ChartPoint {
  /** Where the point sits on the x axis: the timepoint and date, e.g. "Baseline, 3 Mar 2027". */
  label: string
  value: number
}

/**
 * The chart's SVG markup. Band boundaries are dashed rules, the scores a line with their values written above,
 * and the y axis runs the score's whole range (so a change looks as big as it is). Plot's inline <style> is
 * dropped: the content security policy allows only our stylesheet, which carries the same rules.
 */
export function scoreChartSvg(score: ScoreDefinition, points: readonly ChartPoint[], title: string): string {
  const document = chartDocument()
  const boundaries = (score.bands ?? []).slice(1).map((b) => b.min - 0.5)
  const svg = Plot.plot({
    document,
    width: 360,
    height: 180,
    marginLeft: 36,
    marginRight: 24,
    marginBottom: 36,
    className: 'app-chart',
    ariaLabel: title,
    x: { type: 'point', label: null, padding: 0.4, domain: points.map((p) => p.label) },
    y: { domain: score.range, label: null, ticks: 5, grid: true },
    marks: [
      Plot.ruleY(boundaries, { strokeDasharray: '4,3', strokeOpacity: 0.5 }),
      Plot.line(points, { x: 'label', y: 'value', strokeWidth: 2.5 }),
      Plot.dot(points, { x: 'label', y: 'value', r: 5, fill: 'currentColor' }),
      Plot.text(points, {
        x: 'label',
        y: 'value',
        text: (p: ChartPoint) => formatScore(p.value),
        dy: -14,
        fontWeight: 'bold',
      }),
    ],
  })
  return chartMarkup(svg)
}

/** Whole numbers as they are; SWEMWBS metric scores to two places. */
export function formatScore(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}
