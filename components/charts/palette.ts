/** Chart colours: the design's accent first, then distinguishable, print-safe hues (WCAG AA on white). */
export const CHART_COLOURS = ["#1d5c8f", "#c0562b", "#2f7d4f", "#7a4ea3", "#a07400", "#3b7f95", "#a23b6b", "#5b6573"] as const;
/** "Not recorded" and "other" are drawn in grey so they never read as a category. */
export const MUTED_COLOUR = "#9aa5b1";
