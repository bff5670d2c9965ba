"""Images the tests upload: PNGs and JPEGs made by Pillow, one carrying a photo's metadata (GPS and all), and
files that only claim to be images."""
import io
import struct
import zlib

from PIL import ExifTags, Image, PngImagePlugin

GPS = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (43.0, 15.0, 20.0),
       ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (76.0, 56.0, 45.0)}
XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>43,15.3N</exif:GPSLatitude></x:xmpmeta>'
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def png(width: int = 40, height: int = 30, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def png_with_text() -> bytes:
    """A PNG whose text chunks and eXIf chunk say where it was made."""
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "Taken at 43.2553N 76.9458E")
    info.add_itxt("XML:com.adobe.xmp", XMP.decode())
    exif = Image.Exif()
    exif[ExifTags.IFD.GPSInfo] = GPS
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def photo(width: int = 40, height: int = 20, orientation: int = 6) -> bytes:
    """A JPEG as a phone takes it: the camera's make and serial number, where it was (GPS), XMP, a comment, and
    an orientation (6: to be turned 90° clockwise to stand upright)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.BodySerialNumber] = "SN-123456"
    exif[ExifTags.IFD.GPSInfo] = GPS
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 10)).save(out, "JPEG", exif=exif, xmp=XMP, comment=b"Almaty, square")
    return out.getvalue()


def gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (10, 10)).save(out, "GIF")
    return out.getvalue()


def claimed_size(width: int, height: int) -> bytes:
    """A small PNG whose header claims these dimensions: decoded, it would take width × height pixels."""
    data = png(1, 1)
    ihdr = struct.pack(">II", width, height) + data[24:29]
    chunk = b"IHDR" + ihdr
    return data[:12] + chunk + struct.pack(">I", zlib.crc32(chunk)) + data[33:]


class Rewinding(io.BytesIO):
    """A file a test client can send again and again (a shared form's): back at its start each time it has been
    read to the end, and left open by the client, which closes what it sent."""

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        if not chunk:
            self.seek(0)
        return chunk

    def close(self) -> None:
        pass
