package io.chainplay.devnet.solana;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An address lookup table: a fixed list of accounts that v0 messages reference by index instead of
 * listing them. Its contents are set up front, so every transaction using it agrees on the indexes.
 */
final class AddressLookupTable {

    private final String address;
    private final Map<String, Integer> indexes = new LinkedHashMap<>();

    AddressLookupTable(String address, Iterable<String> accounts) {
        this.address = address;
        for (String account : accounts) {
            indexes.putIfAbsent(account, indexes.size());
        }
    }

    String address() {
        return address;
    }

    boolean holds(String account) {
        return indexes.containsKey(account);
    }

    int indexOf(String account) {
        Integer index = indexes.get(account);
        if (index == null) {
            throw new IllegalArgumentException(account + " is not in lookup table " + address);
        }
        return index;
    }
}
