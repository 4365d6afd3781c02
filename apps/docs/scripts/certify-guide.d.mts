/** One case as the guide shows it. */
export interface GuideCase {
  readonly id: string;
  readonly group: string;
  readonly title: string;
  readonly proves: string;
  readonly decides: string;
  readonly order: "paid" | "pending";
  readonly state: "required" | "confirms" | "none";
}
/** The case list, read from its TypeScript source. */
export function loadCases(): Promise<readonly GuideCase[]>;
/** The guide's markdown for `cases`. */
export function renderCertifyGuide(cases: readonly GuideCase[]): string;
