package org.grantline.gateway.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.util.Map;

/**
 * The enrolment QR code as SVG (ZXing makes the matrix): no image library, no inline script or
 * style. The web app draws the same path with its own DOM helpers, so no markup from an answer is
 * ever parsed into the page.
 */
final class QrCodes {
    private QrCodes() {
    }

    /** The dark modules as one SVG path ({@code d}) in a square of {@code size} units, margin included. */
    record Drawing(int size, String path) {
        String svg() {
            return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                    + "\" width=\"" + size * 6 + "\" height=\"" + size * 6 + "\" shape-rendering=\"crispEdges\""
                    + " role=\"img\" aria-label=\"QR code of the authenticator key\">"
                    + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
        }
    }

    static String svg(String text) {
        return draw(text).svg();
    }

    static Drawing draw(String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                }
            }
        }
        return new Drawing(matrix.getWidth(), path.toString());
    }
}
