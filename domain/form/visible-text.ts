/**
 * Text that shows as nothing is empty. A name or an attestation made only of characters that
 * render as nothing — format characters (Unicode Cf: U+200B zero width space, U+200C/D
 * joiners, U+2060 word joiner, U+00AD soft hyphen, U+FEFF, the bidi controls …), other
 * default-ignorable code points (U+3164 Hangul filler, U+115F/U+1160, U+FFA0, variation
 * selectors, tags …), controls, white space, and the blank Braille pattern U+2800 — is as
 * empty as one made of spaces.
 *
 * Bidirectional overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) make text
 * display in another order than it is stored ("Trojan Source"): on a nomination, a name or a
 * unit could read as something else on screen and on paper than in the record. They have no
 * place in the form's text, and are refused wherever they occur.
 */

/** Characters that render as nothing (or as blank). */
const INVISIBLE = /[\p{White_Space}\p{Cc}\p{Cf}\p{Cs}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** LRE, RLE, PDF, LRO, RLO (U+202A–U+202E); LRI, RLI, FSI, PDI (U+2066–U+2069). */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;

/** Whether the text has at least one character that shows. */
export function hasVisibleText(s: string): boolean {
  return s.replace(INVISIBLE, '').length > 0;
}

/** Whether the text carries a bidirectional override, embedding or isolate. */
export function hasBidiControl(s: string): boolean {
  return BIDI_CONTROL.test(s);
}

/** The code points of the bidi controls in the text, as U+XXXX (for the message). */
export function bidiControlsIn(s: string): string[] {
  const found = new Set<string>();
  for (const ch of s) {
    if (BIDI_CONTROL.test(ch)) found.add(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...found];
}
