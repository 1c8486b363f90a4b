/** The detection labels (platform-overview.md attack categories plus benign). */
export const LABELS = ['benign', 'prompt_injection', 'jailbreak', 'system_extraction', 'code_injection'] as const;
export type Label = (typeof LABELS)[number];
export const ATTACK_LABELS = LABELS.filter((l) => l !== 'benign') as Exclude<Label, 'benign'>[];

export function isLabel(x: unknown): x is Label {
  return typeof x === 'string' && (LABELS as readonly string[]).includes(x);
}
