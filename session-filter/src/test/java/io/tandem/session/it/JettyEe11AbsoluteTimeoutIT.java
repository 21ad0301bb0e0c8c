package io.tandem.session.it;

class JettyEe11AbsoluteTimeoutIT extends AbsoluteTimeoutSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyEe11Node::start;
  }
}
