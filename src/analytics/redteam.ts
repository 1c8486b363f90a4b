/** Red-team analytics over stored results (pure). */
export interface RedTeamRow {
  testId: string;
  modelName: string;
  testType: string;
  attackSuccess: boolean;
  confidenceScore: number;
  attackDetails: { method?: string; payload?: string; success_rate?: number } & Record<string, unknown>;
  testedAt: Date;
}

/**
 * Summary in the documented shape. `success_rate` values are percentages (0-100), as the
 * document's example prints `${model.success_rate}% success rate`. `vulnerabilities` lists
 * the test types (and attack methods) with at least one successful attack, most frequent first.
 */
export function summarizeRedTeam(rows: readonly RedTeamRow[], days: number, now: Date) {
  const successes = rows.filter((r) => r.attackSuccess).length;
  const byModel = new Map<string, RedTeamRow[]>();
  for (const r of rows) byModel.set(r.modelName, [...(byModel.get(r.modelName) ?? []), r]);
  const models = [...byModel.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([model_name, rs]) => {
      const ok = rs.filter((r) => r.attackSuccess);
      const freq = new Map<string, number>();
      for (const r of ok) {
        freq.set(r.testType, (freq.get(r.testType) ?? 0) + 1);
        const m = r.attackDetails?.method;
        if (typeof m === 'string' && m && m !== r.testType) freq.set(m, (freq.get(m) ?? 0) + 1);
      }
      return {
        model_name,
        test_count: rs.length,
        success_rate: rs.length ? (ok.length / rs.length) * 100 : 0,
        vulnerabilities: [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k),
      };
    });
  return {
    total_tests: rows.length,
    successful_attacks: successes,
    success_rate: rows.length ? (successes / rows.length) * 100 : 0,
    models,
    period_days: days,
    timestamp: now.toISOString(),
  };
}

export interface VersionPerf {
  version: string;
  accuracy: number;
  f1_score: number;
  at: Date;
}

/**
 * Pre-trained vs trained comparison. Versions come from stored performance records: the
 * pre-trained one is the earliest version seen (or one named 'pretrained'/'pre-trained'/'base'),
 * the trained one the latest. Each red-team result is attributed to the version that was
 * current when it ran (a version is current from its first performance record until the next
 * version's), or to `attack_details.model_version` when the red team recorded it.
 * Rates and gains are fractions (0..1); vulnerability_reduction = pre - trained rate.
 */
export function compareVersions(model: string, perf: readonly VersionPerf[], results: readonly RedTeamRow[], days: number) {
  const firstSeen = new Map<string, Date>();
  for (const p of [...perf].sort((a, b) => a.at.getTime() - b.at.getTime())) if (!firstSeen.has(p.version)) firstSeen.set(p.version, p.at);
  const order = [...firstSeen.entries()].sort((a, b) => a[1].getTime() - b[1].getTime()).map(([v]) => v);
  const named = order.find((v) => /^(pre-?trained|base)$/i.test(v));
  const pre = named ?? order[0];
  const trained = order.filter((v) => v !== pre).at(-1) ?? pre;
  const versionAt = (t: Date): string | undefined => {
    let cur: string | undefined;
    for (const v of order) if (firstSeen.get(v)!.getTime() <= t.getTime()) cur = v;
    return cur;
  };
  const side = (version: string) => {
    const ps = perf.filter((p) => p.version === version);
    const latest = ps.sort((a, b) => b.at.getTime() - a.at.getTime())[0];
    const rs = results.filter((r) => (typeof r.attackDetails?.model_version === 'string' ? r.attackDetails.model_version === version : versionAt(r.testedAt) === version));
    return {
      accuracy: latest?.accuracy ?? 0,
      f1_score: latest?.f1_score ?? 0,
      vulnerability_rate: rs.length ? rs.filter((r) => r.attackSuccess).length / rs.length : 0,
      version,
      red_team_tests: rs.length,
    };
  };
  const a = side(pre);
  const b = side(trained);
  return {
    model_name: model,
    pretrained_performance: a,
    trained_performance: b,
    improvement: {
      accuracy_gain: b.accuracy - a.accuracy,
      f1_gain: b.f1_score - a.f1_score,
      vulnerability_reduction: a.vulnerability_rate - b.vulnerability_rate,
    },
    period_days: days,
    versions_compared: pre === trained ? [pre] : [pre, trained],
  };
}
