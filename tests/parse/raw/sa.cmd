sa.bin
