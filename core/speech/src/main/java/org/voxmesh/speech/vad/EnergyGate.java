package org.voxmesh.speech.vad;

/**
 * Calls a frame silence, without asking the model, when its RMS level is below a floor. Digital
 * silence and near-silence are common (muted microphones, hold, gaps between turns), and the floor
 * sits far below any speech the model could hear.
 *
 * @param floorDbfs RMS level in dB relative to full scale below which a frame is silence;
 *     {@link Double#NEGATIVE_INFINITY} turns the gate off
 */
public record EnergyGate(double floorDbfs) {

  /** -60 dBFS: about 33 LSB RMS in 16-bit audio. */
  public static final double DEFAULT_FLOOR_DBFS = -60;

  public EnergyGate {
    if (Double.isNaN(floorDbfs) || floorDbfs > 0) {
      throw new IllegalArgumentException("floorDbfs: " + floorDbfs + " (expected: <= 0)");
    }
  }

  public static EnergyGate defaultGate() {
    return new EnergyGate(DEFAULT_FLOOR_DBFS);
  }

  public static EnergyGate off() {
    return new EnergyGate(Double.NEGATIVE_INFINITY);
  }

  public boolean isSilence(short[] frame) {
    return rmsDbfs(frame) < floorDbfs;
  }

  /** RMS level of the samples in dBFS (0 dBFS is a full-scale square wave); -infinity for all zeros. */
  public static double rmsDbfs(short[] samples) {
    double sum = 0;
    for (short s : samples) {
      sum += (double) s * s;
    }
    double rms = Math.sqrt(sum / Math.max(1, samples.length));
    return 20 * Math.log10(rms / 32768);
  }
}
