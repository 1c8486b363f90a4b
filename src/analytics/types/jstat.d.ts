// jstat ships no type declarations; only what analytics uses is declared.
declare module 'jstat' {
  interface JStatStatic {
    chisquare: { cdf(x: number, dof: number): number };
    normal: { cdf(x: number, mean: number, sd: number): number };
  }
  const mod: { jStat: JStatStatic } & JStatStatic;
  export default mod;
}
