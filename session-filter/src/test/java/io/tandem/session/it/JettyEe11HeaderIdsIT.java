package io.tandem.session.it;

class JettyEe11HeaderIdsIT extends HeaderIdSuite {
  @Override
  ServerNode.Factory containers() {
    return JettyEe11Node::start;
  }
}
