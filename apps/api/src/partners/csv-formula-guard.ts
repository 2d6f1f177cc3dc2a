/**
 * CSV injection (OWASP): a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return before one) as a formula. The export prefixes such cells with
 * `'`, which makes a spreadsheet show them as text, and the import takes that prefix off
 * again. Negative numbers and "-" free text get the prefix too: the export cannot tell them
 * from a formula, and the import undoes it exactly.
 */
const TRIGGER = /^[=+\-@\t\r]/;
const QUOTE = "'";

/**
 * Whether a cell needs the prefix: it starts with a trigger, or with quotes before one (so
 * that a value already starting with `'=` is prefixed as well and a round trip stays exact).
 */
function needsGuard(cell: string): boolean {
  return TRIGGER.test(cell.replace(/^'+/, ''));
}

/** The cell as the export writes it. */
export function guardFormula(cell: string): string {
  return needsGuard(cell) ? `${QUOTE}${cell}` : cell;
}

/** The exported cell back to its value: one leading `'` off, only where guardFormula put it. */
export function unguardFormula(cell: string): string {
  return cell.startsWith(QUOTE) && needsGuard(cell.slice(1)) ? cell.slice(1) : cell;
}
