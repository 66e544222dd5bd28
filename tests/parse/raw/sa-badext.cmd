sa-badext.bin
