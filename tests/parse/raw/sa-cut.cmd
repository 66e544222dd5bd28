sa-cut.bin
