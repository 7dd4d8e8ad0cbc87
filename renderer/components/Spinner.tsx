// A calm progress indicator; still under prefers-reduced-motion.
export function Spinner() {
  return <div className="spinner" aria-hidden="true" />;
}
