sp-dup.bin
