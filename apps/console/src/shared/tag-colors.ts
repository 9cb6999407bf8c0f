/**
 * Solid tag colours with white text: each at least 4.5:1 (WCAG AA). The library's light preset tags (green on pale
 * green, orange on pale orange) fall below it.
 */
export const tagColors = {
  neutral: '#595959',
  blue: '#0958d9',
  cyan: '#006d75',
  green: '#237804',
  purple: '#531dab',
  orange: '#ad4e00',
  red: '#a8071a',
  volcano: '#ad2102',
  magenta: '#9e1068',
} as const;
