sa-badlen.bin
