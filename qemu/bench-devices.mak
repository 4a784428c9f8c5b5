# Devices for the bench's QEMU: the virt board and what it selects.
CONFIG_ARM_VIRT=y
