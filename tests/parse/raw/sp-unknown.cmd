sp-unknown.bin
