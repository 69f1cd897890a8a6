package io.milr.mi;

/**
 * Entropies and mutual information of one joint histogram, in nats, under one {@link MiEstimator}.
 *
 * @param n      number of counted examples
 * @param hY     entropy of the true labels
 * @param hP     entropy of the predictions
 * @param hPY    joint entropy
 * @param mi     mutual information I(P; Y)
 * @param miNorm normalised mutual information I / H(Y), in [0, 1]
 */
public record MiResult(long n, double hY, double hP, double hPY, double mi, double miNorm) {
}
