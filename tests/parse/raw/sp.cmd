sp.bin
