package cn.tongxin.rotation;

/** Of a population: trained (completed a counting class in the cycle), enrolled (in one, not yet done), untouched. */
public record CoverageCounts(long population, long trained, long enrolled) {

    public long untouched() {
        return population - trained - enrolled;
    }

    public double trainedPct() {
        return pct(trained);
    }

    public double enrolledPct() {
        return pct(enrolled);
    }

    public double untouchedPct() {
        return pct(untouched());
    }

    private double pct(long n) {
        return population == 0 ? 0 : Math.round(1000.0 * n / population) / 10.0;
    }

    CoverageCounts plus(CoverageCounts o) {
        return new CoverageCounts(population + o.population, trained + o.trained, enrolled + o.enrolled);
    }

    static final CoverageCounts ZERO = new CoverageCounts(0, 0, 0);
}
