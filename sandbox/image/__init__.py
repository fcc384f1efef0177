"""The sandbox image `prorl-gym-sandbox:<version>` (Python 3 + g++): from the Dockerfile when a registry is
reachable, else offline from Debian packages (debootstrap root file system + `docker import`)."""

from sandbox.image.build import IMAGE_NAME, IMAGE_VERSION, build_image, default_tag, image_present

__all__ = ["IMAGE_NAME", "IMAGE_VERSION", "build_image", "default_tag", "image_present"]
