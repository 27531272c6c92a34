package dev.vpnc.lab;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** The n-th address of a prefix, for the addresses the lab gives its test hosts. */
final class Addresses {
    private Addresses() {
    }

    /** {@code nth("2001:db8:a1::/64", 1)} is {@code 2001:db8:a1::1/64}. */
    static String nth(String prefix, long n) {
        String[] p = prefix.split("/");
        try {
            byte[] bytes = InetAddress.getByName(p[0]).getAddress();
            BigInteger v = new BigInteger(1, bytes).add(BigInteger.valueOf(n));
            byte[] raw = v.toByteArray();
            byte[] out = new byte[bytes.length];
            int copy = Math.min(raw.length, out.length);
            System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
            String text = InetAddress.getByAddress(out).getHostAddress();
            if (out.length == 16) {
                text = compress(text);
            }
            return text + "/" + p[1];
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(prefix, e);
        }
    }

    static String bare(String withLength) {
        return withLength.substring(0, withLength.indexOf('/'));
    }

    /** Java prints 2001:db8:a1:0:0:0:0:1; ip prints 2001:db8:a1::1. Same address, shorter text. */
    private static String compress(String full) {
        String[] groups = full.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; ) {
            if (groups[i].equals("0")) {
                int j = i;
                while (j < groups.length && groups[j].equals("0")) {
                    j++;
                }
                if (j - i > bestLen && j - i > 1) {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            } else {
                i++;
            }
        }
        if (bestStart < 0) {
            return full;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }
}
