package net.nym.mixnet.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.nio.ByteBuffer;

/**
 * Writes {@link Frame}s: {@code version || size tag || type tag [|| key rotation] || packet}, as
 * one buffer per frame. Stateless and sharable.
 */
@Sharable
public final class FrameEncoder extends MessageToByteEncoder<Frame> {

  /** The encoder; it holds no state. */
  public static final FrameEncoder INSTANCE = new FrameEncoder();

  private FrameEncoder() {
    super(Frame.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Frame msg, boolean preferDirect) {
    int length = msg.encodedLength();
    return preferDirect
        ? ctx.alloc().ioBuffer(length, length)
        : ctx.alloc().heapBuffer(length, length);
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Frame frame, ByteBuf out) {
    writeTo(frame, out);
  }

  /** Appends the encoding of {@code frame} to {@code out}. */
  public static void writeTo(Frame frame, ByteBuf out) {
    out.writeByte(frame.version().value());
    out.writeByte(frame.size().tag());
    out.writeByte(frame.type().tag());
    if (frame.version() == FramingVersion.V8) {
      out.writeByte(frame.rotation().value());
    }
    out.writeBytes(frame.packet());
  }

  /** Puts the encoding of {@code frame} into {@code out} at its position. */
  public static void writeTo(Frame frame, ByteBuffer out) {
    out.put((byte) frame.version().value());
    out.put((byte) frame.size().tag());
    out.put((byte) frame.type().tag());
    if (frame.version() == FramingVersion.V8) {
      out.put((byte) frame.rotation().value());
    }
    out.put(frame.packet());
  }

  /** The encoding of {@code frame} as a new array (tests and tools). */
  public static byte[] encode(Frame frame) {
    byte[] out = new byte[frame.encodedLength()];
    ByteBuf buf = io.netty.buffer.Unpooled.wrappedBuffer(out);
    buf.writerIndex(0);
    writeTo(frame, buf);
    return out;
  }
}
