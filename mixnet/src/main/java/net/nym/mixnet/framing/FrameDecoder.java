package net.nym.mixnet.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.nym.crypto.packet.PacketSize;
import net.nym.crypto.packet.PacketType;

/**
 * Decodes Nym's node-to-node frames from a TCP stream into {@link Frame}s.
 *
 * <p>The header is validated as soon as its bytes are in, before any packet byte is buffered: an
 * unknown version, size, type or key rotation, or a size above the configured maximum, is reported
 * once to the {@link Rejections} callback with its {@link FrameError}; the rest of the input is
 * discarded and the connection is closed. A stream can never make this decoder buffer more than one
 * maximum-size frame. One instance per channel (not sharable).
 */
public final class FrameDecoder extends ByteToMessageDecoder {

  /** Receives refusals; called on the channel's event loop, at most once per channel. */
  @FunctionalInterface
  public interface Rejections {
    /**
     * The stream of {@code ctx}'s channel was refused.
     *
     * @param error the reason
     * @param detail the offending value, for the log line
     */
    void rejected(ChannelHandlerContext ctx, FrameError error, String detail);
  }

  private final int maxPacketLength;
  private final Rejections rejections;
  private boolean failed;

  /**
   * @param maxPacketSize the largest packet size class accepted
   * @param rejections told about each refused stream
   */
  public FrameDecoder(PacketSize maxPacketSize, Rejections rejections) {
    this.maxPacketLength = maxPacketSize.size();
    this.rejections = Objects.requireNonNull(rejections, "rejections");
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (!in.isReadable()) {
      return;
    }
    int start = in.readerIndex();
    int versionByte = in.getUnsignedByte(start);
    if (versionByte < FramingVersion.MIN) {
      fail(ctx, in, FrameError.INVALID_VERSION, "version byte " + versionByte);
      return;
    }
    if (versionByte > FramingVersion.MAX) {
      fail(ctx, in, FrameError.UNSUPPORTED_VERSION, "version byte " + versionByte);
      return;
    }
    FramingVersion version = FramingVersion.fromValue(versionByte).orElseThrow();
    if (in.readableBytes() < 2) {
      return;
    }
    int sizeTag = in.getUnsignedByte(start + 1);
    Optional<PacketSize> size = PacketSize.fromTag(sizeTag);
    if (size.isEmpty()) {
      fail(ctx, in, FrameError.UNKNOWN_SIZE, "size tag " + sizeTag);
      return;
    }
    if (size.get().size() > maxPacketLength) {
      fail(
          ctx,
          in,
          FrameError.FRAME_TOO_LARGE,
          size.get() + " packet of " + size.get().size() + " bytes, limit " + maxPacketLength);
      return;
    }
    if (in.readableBytes() < 3) {
      return;
    }
    int typeTag = in.getUnsignedByte(start + 2);
    Optional<PacketType> type = PacketType.fromTag(typeTag);
    if (type.isEmpty()) {
      fail(ctx, in, FrameError.UNKNOWN_TYPE, "type tag " + typeTag);
      return;
    }
    KeyRotation rotation = KeyRotation.UNKNOWN;
    if (version == FramingVersion.V8) {
      if (in.readableBytes() < 4) {
        return;
      }
      int rotationByte = in.getUnsignedByte(start + 3);
      Optional<KeyRotation> parsed = KeyRotation.fromValue(rotationByte);
      if (parsed.isEmpty()) {
        fail(ctx, in, FrameError.INVALID_KEY_ROTATION, "key rotation byte " + rotationByte);
        return;
      }
      rotation = parsed.get();
    }
    int headerLength = version.headerLength();
    int packetLength = size.get().size();
    if (in.readableBytes() < headerLength + packetLength) {
      return;
    }
    in.skipBytes(headerLength);
    byte[] packet = new byte[packetLength];
    in.readBytes(packet);
    out.add(new Frame(version, size.get(), type.get(), rotation, packet));
  }

  private void fail(ChannelHandlerContext ctx, ByteBuf in, FrameError error, String detail) {
    failed = true;
    in.skipBytes(in.readableBytes());
    rejections.rejected(ctx, error, detail);
    ctx.close();
  }
}
