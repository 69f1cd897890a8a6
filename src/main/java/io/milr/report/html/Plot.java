package io.milr.report.html;

/**
 * One rendered figure of the report: its PNG bytes, the file name they are written to beside the
 * page, and the words the page shows with it.
 */
public record Plot(String file, String title, String caption, int width, int height, byte[] png) {
    public Plot {
        png = png.clone();
    }

    @Override
    public byte[] png() {
        return png.clone();
    }
}
