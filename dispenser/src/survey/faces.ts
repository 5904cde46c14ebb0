/**
 * The five faces of a rating, drawn (not emoji: a kiosk's fonts may have none), from a
 * frown to a wide smile, each in its colour. Pure: score in, SVG out.
 */
import { svg } from 'lit';

/** Red to green; every one readable against the dark pages' black outline. */
const FACE_COLORS = ['#e5484d', '#f76b15', '#ffc53d', '#8bd16a', '#30a46c'] as const;

/** The mouth of score 1..5: a curve whose bend goes from down to up. */
const MOUTHS = ['M14 33 Q24 24 34 33', 'M15 32 Q24 27 33 32', 'M15 30 L33 30', 'M15 29 Q24 34 33 29', 'M13 28 Q24 38 35 28'];

export function faceSvg(score: number) {
  const i = Math.min(5, Math.max(1, score)) - 1;
  return svg`<svg viewBox="0 0 48 48" width="100%" height="100%" aria-hidden="true" focusable="false">
    <circle cx="24" cy="24" r="21" fill=${FACE_COLORS[i]} stroke="#000" stroke-width="2"></circle>
    <circle cx="17" cy="19" r="2.6" fill="#000"></circle>
    <circle cx="31" cy="19" r="2.6" fill="#000"></circle>
    <path d=${MOUTHS[i]} fill="none" stroke="#000" stroke-width="3" stroke-linecap="round"></path>
  </svg>`;
}
